/* va-recovery.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "va-application.h"
#include "va-bot.h"

G_BEGIN_DECLS

#define VA_RECOVERY_DEFAULT_INTERVAL 30

#define VA_TYPE_RECOVERY (va_recovery_get_type ())
G_DECLARE_FINAL_TYPE (VaRecovery, va_recovery, VA, RECOVERY, GObject)

VaRecovery *va_recovery_new            (VaBot          *bot,
                                        GSettings      *settings);
const char *va_recovery_get_id         (VaRecovery     *self);
guint       va_recovery_get_interval   (VaRecovery     *self);
void        va_recovery_set_interval   (VaRecovery     *self,
                                        guint           seconds);
void        va_recovery_set_file       (VaRecovery     *self,
                                        GFile          *file);
void        va_recovery_set_modified   (VaRecovery     *self,
                                        gboolean        modified);
void        va_recovery_changed        (VaRecovery     *self);
gboolean    va_recovery_is_busy        (VaRecovery     *self);
void        va_recovery_discard        (VaRecovery     *self);

char       *va_recovery_get_dir        (void);
GtkWidget  *va_recovery_offer          (VaApplication  *application,
                                        GtkWindow      *parent);

/* Test hook, see va-recovery.c. */
void        va_recovery_run_test_script (GtkWindow     *window,
                                         const char    *script);

G_END_DECLS
