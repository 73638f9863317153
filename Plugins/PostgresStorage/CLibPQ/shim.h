// libpq, PostgreSQL's C client library (Debian: libpq-dev).
#include <postgresql/libpq-fe.h>
