/* a *\
/ SQLX_QUERY("yes") /* */ /*/ SQLX_QUERY("no") */