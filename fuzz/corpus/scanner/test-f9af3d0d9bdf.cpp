x = SQLX_QUERY
#define A SQLX_QUERY("no")
SQLX_QUERY("yes")