-- DuckDB: the same four CSV files as tables.
CREATE TABLE accounts    AS FROM read_csv('accounts.csv',    header = true);
CREATE TABLE identifiers AS FROM read_csv('identifiers.csv', header = true);
CREATE TABLE uses        AS FROM read_csv('uses.csv',        header = true);
CREATE TABLE transfers   AS FROM read_csv('transfers.csv',   header = true);
