# str case methods and predicates.
s = "Hello, World ß"
print(s.upper(), s.lower(), s.swapcase(), s.casefold())
print("hello world".title(), "hello world".capitalize(), "HELLO".capitalize(), "they're".title())
print("abc".isalpha(), "ab1".isalnum(), "123".isdigit(), "12.3".isdigit(), "".isalpha())
print("   ".isspace(), "Abc".istitle(), "ABC".isupper(), "abc".islower(), "a1".islower())
print("x_1".isidentifier(), "1x".isidentifier(), "\u00bd".isnumeric(), "\u00bd".isdecimal(), "abc".isascii())
print("é".isascii(), "Hello".isprintable(), "\n".isprintable(), "٣".isdigit(), "٣".isdecimal())
