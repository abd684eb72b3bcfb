SQLX_QUERY("abc
")