SQLX_QUERY(R"(a\
b)")