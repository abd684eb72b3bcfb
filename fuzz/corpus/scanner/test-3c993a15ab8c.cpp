auto a = SQLX_QUERY("SELECT 1", x).fetch_one(pool);
auto b = SQLX_QUERY_AS(User, "SELECT 2");
auto c = SQLX_QUERY_SCALAR("SELECT 3").fetch_one(pool);
