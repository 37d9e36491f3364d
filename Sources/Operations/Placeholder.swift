// Command language: see the files in this folder.
