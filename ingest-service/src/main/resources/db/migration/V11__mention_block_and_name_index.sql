-- One index serves both look-ups by name: whole blocks (author resolution) and the owners of a written-out name within
-- its block (an import's first decision). It replaces the two it was built from, so every mention row an import
-- writes updates three indexes instead of four (the mention INSERT is an import's costliest statement).
CREATE INDEX author_mention_block_name ON author_mention (block, name_key);
DROP INDEX author_mention_block;
DROP INDEX author_mention_name_key;
