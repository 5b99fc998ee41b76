/*
 * modules.c - the table of native modules that `import` can find by name. A module listed
 * here is built by its init function on first import and cached in sys.modules; modules
 * written in Python live in stdlib/ and are found on sys.path instead.
 */
#include "core.h"
#include "setup.h"

AD_FUNC AdModule *ad_mod_time_init(AdThread *t);
AD_FUNC AdModule *ad_mod_math_init(AdThread *t);
AD_FUNC AdModule *ad_mod_posix_init(AdThread *t);
AD_FUNC AdModule *ad_mod_random_init(AdThread *t);
AD_FUNC AdModule *ad_mod_io_init(AdThread *t);
AD_FUNC AdModule *ad_mod_thread_init(AdThread *t);
AD_FUNC AdModule *ad_mod_socket_init(AdThread *t);
AD_FUNC AdModule *ad_mod_select_init(AdThread *t);
AD_FUNC AdModule *ad_mod_signal_init(AdThread *t);

static const AdNativeModule native_modules[] = {
    {"time", ad_mod_time_init},
    {"math", ad_mod_math_init},
    {"posix", ad_mod_posix_init},
    {"_random", ad_mod_random_init},
    {"io", ad_mod_io_init},
    {"_thread", ad_mod_thread_init},
    {"_socket", ad_mod_socket_init},
    {"select", ad_mod_select_init},
    {"signal", ad_mod_signal_init},
    {NULL, NULL},
};

const AdNativeModule *ad_native_module_table(void) { return native_modules; }
