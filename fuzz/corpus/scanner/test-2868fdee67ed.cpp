// SQLX_QUERY("line")
/* SQLX_QUERY("block")
 SQLX_QUERY("block2") */
const char* s = "SQLX_QUERY(\"string\")";
const char* r = R"(SQLX_QUERY("raw"))";
char c = '"'; SQLX_QUERY("yes1");
int n = 1'000; SQLX_QUERY("yes2"); char d = 'x', e = '\'';
auto w = u8'"'; double f = .5e+3'1; SQLX_QUERY("yes3");
