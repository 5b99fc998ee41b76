# The module runs as __main__.
print(__name__)
def main():
    print("main ran")
if __name__ == "__main__":
    main()
else:
    print("imported")
