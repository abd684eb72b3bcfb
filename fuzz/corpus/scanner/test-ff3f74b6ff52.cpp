SQLX_QUERY_AS(
  Row,
  "SELECT 5",
  id)