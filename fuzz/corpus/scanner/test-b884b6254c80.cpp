SQLX_QUERY("ab\
cd")