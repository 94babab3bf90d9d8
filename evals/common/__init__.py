"""What the library gold sets (evals/related, evals/related2, …) share: the consistency checks their
validate.py run and the helpers their build_docs.py typeset the binary documents with. Each folder
keeps its own data, labels and the few rules that are its own (its PDF's source text and page
furniture, its size and mix); the scripts put evals/ on sys.path and import `common`."""
