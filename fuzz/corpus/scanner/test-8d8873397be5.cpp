MY_SQLX_QUERY("a"); SQLX_QUERY_ASX("b"); SQLX_QUERYX("c");
sqlx_query("d"); $SQLX_QUERY("e"); x.SQLX_QUERY2("f");
auto p = &SQLX_QUERY; SQLX_QUERY; auto s = ""SQLX_QUERY("suffix");
auto c = 'c'SQLX_QUERY("char suffix");
SQLX_QUERY("yes");