x;
SQLX_\
QUERY("x")