SQLX_QUERY(R"(a
 bc)")