# core_misc.py -- Core ATen rules (issue "Meta rules II").
from typing import List, Optional
