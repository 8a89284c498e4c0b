// Kuzu 0.11: node and relationship tables, loaded from the same CSV
// files as the SQL side.
CREATE NODE TABLE Account(
    account_id STRING PRIMARY KEY, holder STRING, flagged BOOLEAN);
CREATE NODE TABLE Identifier(identifier_id STRING PRIMARY KEY, kind STRING);
CREATE REL TABLE USES(FROM Account TO Identifier);
CREATE REL TABLE TRANSFERRED(FROM Account TO Account, amount DOUBLE);
COPY Account FROM 'accounts.csv' (HEADER = true);
COPY Identifier FROM 'identifiers.csv' (HEADER = true);
COPY USES FROM 'uses.csv' (HEADER = true);
COPY TRANSFERRED FROM 'transfers.csv' (HEADER = true);
