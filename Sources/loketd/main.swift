print("loketd")
