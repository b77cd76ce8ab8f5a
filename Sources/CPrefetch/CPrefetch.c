// The one function of this module is inline, in include/CPrefetch.h; SwiftPM needs a source file for a C target.
#include "CPrefetch.h"
