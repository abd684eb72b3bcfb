SQLX_QUERY /* c */ \

  // d
  ("x")