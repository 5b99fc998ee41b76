# os and os.path basics (paths printed are relative or synthetic).
import os
import os.path
print(os.path.join("a", "b", "c.txt"), os.path.join("/root", "x"), os.path.join("a", "/abs"), os.path.join("a", ""))
print(os.path.basename("/x/y/z.py"), os.path.dirname("/x/y/z.py"), os.path.basename("dir/"), os.path.dirname("file"))
print(os.path.split("/a/b/c"), os.path.splitext("archive.tar.gz"), os.path.splitext(".bashrc"))
print(os.path.exists("os_path.py"), os.path.exists("no_such_file.txt"), os.path.isfile("os_path.py"), os.path.isdir("."))
print(os.path.isabs("/x"), os.path.isabs("x"), os.path.normpath("a/./b/../c//d"), os.sep, os.path.sep)
print(os.path.basename(os.getcwd()), os.path.abspath("x") == os.path.join(os.getcwd(), "x"))
print(os.environ.get("ADDER_SURELY_UNSET_VAR"), os.environ.get("ADDER_SURELY_UNSET_VAR", "default"))
os.environ["ADDER_TEST_VAR"] = "set here"
print(os.environ["ADDER_TEST_VAR"], os.getenv("ADDER_TEST_VAR"), "ADDER_TEST_VAR" in os.environ)
print(type(os.getpid()).__name__, os.name, "os_path.py" in os.listdir("."))
print(os.path.expanduser("~") != "~", os.path.join(*["p", "q"]))
