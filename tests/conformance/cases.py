"""The connection strings the harness runs, per client.

Every string is written as its driver documents it; `{port}` is the test server's port
(predictions use 1433) and `{ca}` the test CA's path (predictions use `ca.pem`).
"""

# tedious through node-mssql's ADO-style strings: node-mssql `lib/base/connection-pool.js`
# (parseConnectionString: Server=host,port; Encrypt; TrustServerCertificate) and the option names
# of tedious `src/connection.ts` (options.encrypt: boolean | 'strict'; options.trustServerCertificate;
# options.serverName). Values as in the node-mssql README "Connection Strings" examples
# (`Server=localhost,1433;Database=database;User Id=username;Password=password;Encrypt=true`).
TEDIOUS = [
    "Server=localhost,{port};User Id=sa;Password=x",
    "Server=localhost,{port};User Id=sa;Password=x;Encrypt=false",
    "Server=localhost,{port};User Id=sa;Password=x;Encrypt=true",
    "Server=localhost,{port};User Id=sa;Password=x;Encrypt=true;TrustServerCertificate=false",
    "Server=localhost,{port};User Id=sa;Password=x;Encrypt=true;TrustServerCertificate=true",
    "Server=localhost,{port};User Id=sa;Password=x;TrustServerCertificate=false",
    "Server=127.0.0.1,{port};User Id=sa;Password=x;Encrypt=true;TrustServerCertificate=false",
    # serverName: the name tedious validates instead of `server` (tedious src/connection.ts,
    # "serverName" option, used by startTls and the strict ClientHello).
    "Server=127.0.0.1,{port};User Id=sa;Password=x;Encrypt=true;TrustServerCertificate=false;serverName=sql.example",
    # encrypt: 'strict' (TDS 8.0), tedious README "encrypt ... 'strict'" and src/connection.ts.
    "Server=localhost,{port};User Id=sa;Password=x;Encrypt=strict",
]

# go-mssqldb: the ADO form (`server=...;port=...;user id=...;encrypt=...`) and the URL form
# (`sqlserver://user:pass@host:port?encrypt=...`), both from go-mssqldb README.md
# "Connection Parameters and DSN" and tds.go parseConnectParams (encrypt: true/false/disable;
# TrustServerCertificate; hostNameInCertificate).
GO = [
    "server=localhost;port={port};user id=sa;password=x",
    "server=localhost;port={port};user id=sa;password=x;encrypt=true",
    "server=localhost;port={port};user id=sa;password=x;encrypt=false",
    "server=localhost;port={port};user id=sa;password=x;encrypt=disable",
    "server=localhost;port={port};user id=sa;password=x;encrypt=true;TrustServerCertificate=true",
    "server=127.0.0.1;port={port};user id=sa;password=x;encrypt=true",
    "server=127.0.0.1;port={port};user id=sa;password=x;encrypt=true;hostNameInCertificate=sql.example",
    "sqlserver://sa:x@localhost:{port}?encrypt=true",
    "sqlserver://sa:x@localhost:{port}?encrypt=false&TrustServerCertificate=false",
]

# FreeTDS freetds.conf sections: keys from freetds `doc/userguide.xml` (freetds.conf settings:
# host, port, tds version, encryption = off|request|require, ca file, check certificate hostname)
# and `include/freetds/tds.h` TDS_STR_* of v1.3.17. `certificate hostname` does not exist in 1.3.
FREETDS_CONF = [
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = off\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = request\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = require\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = require\n\tca file = {ca}\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = request\n\tca file = {ca}\n",
    "[sql]\n\thost = 127.0.0.1\n\tport = {port}\n\ttds version = 7.4\n\tencryption = require\n\tca file = {ca}\n",
    "[sql]\n\thost = localhost\n\tport = {port}\n\ttds version = 7.4\n\tencryption = require\n\tca file = {ca}\n"
    "\tcheck certificate hostname = no\n",
    "[sql]\n\thost = 127.0.0.1\n\tport = {port}\n\ttds version = 7.4\n\tencryption = require\n\tca file = {ca}\n"
    "\tcertificate hostname = sql.example\n",
]

# FreeTDS ODBC (tdsodbc) DSN-less strings: keys of freetds `src/odbc/connectparams.c` v1.3.17
# (Server, Port, TDS_Version, UID, PWD, Encryption); `Encrypt` is the key of FreeTDS 1.4+ and of
# Microsoft's drivers (the form users copy from Microsoft's docs).
TDSODBC_DRIVER = "/usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so"
FREETDS_ODBC = [
    "DRIVER=%s;Server=127.0.0.1;Port={port};TDS_Version=7.4;UID=sa;PWD=x" % TDSODBC_DRIVER,
    "DRIVER=%s;Server=127.0.0.1;Port={port};TDS_Version=7.4;UID=sa;PWD=x;Encryption=off" % TDSODBC_DRIVER,
    "DRIVER=%s;Server=127.0.0.1;Port={port};TDS_Version=7.4;UID=sa;PWD=x;Encryption=require" % TDSODBC_DRIVER,
    "DRIVER=%s;Server=127.0.0.1;Port={port};TDS_Version=7.4;UID=sa;PWD=x;Encrypt=yes" % TDSODBC_DRIVER,
    "DRIVER=%s;Server=127.0.0.1;Port={port};TDS_Version=7.4;UID=sa;PWD=x;Encrypt=no" % TDSODBC_DRIVER,
]

# tedious versions: one or more per behaviour band, around every default change
# (tedious CHANGELOG / GitHub releases: encrypt default true in 7.0.0; trustServerCertificate
# default false in 9.0.0, true again in 12.0.0, false in 15.0.0; 'strict' in 16.x).
TEDIOUS_VERSIONS = [
    "4.2.0", "5.0.3", "6.0.0", "6.7.1", "7.0.0", "8.3.1", "9.0.1", "11.0.8", "11.0.9", "11.8.0",
    "12.0.0", "14.7.0", "15.0.0", "16.7.1", "18.6.2", "20.4.0",
]
