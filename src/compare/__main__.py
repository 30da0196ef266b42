from compare.cli import console

console()
