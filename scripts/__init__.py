"""The project's commands; scripts/lib holds the Python helpers they share with the tests."""
