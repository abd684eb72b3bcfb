#if 0
it's fine
#endif
SQLX_QUERY("yes")