SQLX_QUERY(u8\
"x" R\
"(y)")