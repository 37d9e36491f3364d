print("ragops")
