#define SQLX_QUERY(sql, ...) ::sqlx::detail::query<sql>(__VA_ARGS__)
#  define SQLX_QUERY_AS(T, sql, ...) \
     ::sqlx::detail::query_as<T, sql>(SQLX_QUERY("spliced"))
#undef SQLX_QUERY
  #ifdef SQLX_QUERY_SCALAR
#define X /* a comment
  over lines */ SQLX_QUERY("comment")
/* before */ # define Y SQLX_QUERY("after comment")
%:define Z SQLX_QUERY("digraph")
#define W R"(raw
SQLX_QUERY("raw in define"))"
#error don't "stop
#endif
x; SQLX_QUERY("yes"); # SQLX_QUERY("yes too")
