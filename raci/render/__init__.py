"""Reports to bytes and text: the workbooks, the pages and their parts. Reads no file a person gives."""
