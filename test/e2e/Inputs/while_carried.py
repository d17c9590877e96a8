"""in_place.py's checks on Inputs/while-carried.weft, the same loop as a
`while`: every build against NumPy, exactly."""
import os

import in_place

if __name__ == "__main__":
    in_place.main(os.path.join(in_place.HERE, "while-carried.weft"))
