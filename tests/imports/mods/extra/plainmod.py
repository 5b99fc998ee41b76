# Found through a directory added to sys.path at run time.
NAME = "plainmod"
