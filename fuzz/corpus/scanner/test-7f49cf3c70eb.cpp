// comment \
SQLX_QUERY("no")
SQLX_QUERY("yes")