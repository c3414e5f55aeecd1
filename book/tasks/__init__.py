"""The checks of each exercise notebook, one module per chapter. Expected values are computed
from the course data, so a corrected data row corrects the check too."""
