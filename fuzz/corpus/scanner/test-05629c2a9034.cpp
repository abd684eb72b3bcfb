SQLX_QUERY("SELECT a " // first
           /* second */ R"(FROM t )"
  u8"WHERE x = $1",
  x);