/* va-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VA_TYPE_APPLICATION (va_application_get_type ())
G_DECLARE_FINAL_TYPE (VaApplication, va_application, VA, APPLICATION, AdwApplication)

VaApplication *va_application_new          (void);
GSettings     *va_application_get_settings (VaApplication *self);

G_END_DECLS
