SQLX_QUERY(R"a\
b(x)a\
b")