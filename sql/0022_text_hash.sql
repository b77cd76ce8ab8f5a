-- Every seed and need keeps the hash of its text (posting_text_hash) with the row, computed whenever the text is
-- written. Loading the matcher compares it with each stored analysis's source_hash; before, the load hashed every
-- posting's whole text again (about 12 s of the database's time per million seeds).
alter table seeds add column text_hash text not null
    generated always as (posting_text_hash(title, summary, description, keywords)) stored;
alter table needs add column text_hash text not null
    generated always as (posting_text_hash(title, summary, description, keywords)) stored;
