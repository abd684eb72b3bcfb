x;
  SQLX_QUERY("a"