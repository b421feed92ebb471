/* va-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "va-application.h"
#include "va-bot.h"
#include "va-history.h"

G_BEGIN_DECLS

#define VA_TYPE_WINDOW (va_window_get_type ())
G_DECLARE_FINAL_TYPE (VaWindow, va_window, VA, WINDOW, AdwApplicationWindow)

VaWindow  *va_window_new          (VaApplication *application,
                                   VaBot         *bot,
                                   GFile         *file);
VaBot     *va_window_get_bot      (VaWindow      *self);
VaHistory *va_window_get_history  (VaWindow      *self);
GFile     *va_window_get_file     (VaWindow      *self);
gboolean   va_window_is_pristine  (VaWindow      *self);
void       va_window_show_error   (VaWindow      *self,
                                   const char    *heading,
                                   const char    *details);

G_END_DECLS
