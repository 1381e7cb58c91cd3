//! Offline import (filled in below).
