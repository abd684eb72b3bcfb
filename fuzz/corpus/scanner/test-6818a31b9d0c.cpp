#define A
﻿ SQLX_QUERY(x)