"""Machine translation (issue: MT-based checks). Only the interface exists yet."""
