SQLX_QUERY("a\\
n\x4\
1")