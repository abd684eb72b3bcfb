x;
  SQLX_QUERY(sql);
