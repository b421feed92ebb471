/* va-recovery-private.h — the recovery folder's layout, shared by the copy and the offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-recovery.h"

G_BEGIN_DECLS

char     *va_recovery_path_for     (const char  *id,
                                    const char  *suffix);
gboolean  va_recovery_is_valid_id  (const char  *id);
int       va_recovery_take_lock    (const char  *id,
                                    gboolean    *held_elsewhere);
void      va_recovery_release_lock (int         *fd);
void      va_recovery_remove_files (const char  *id);
void      va_recovery_adopt        (VaRecovery  *self,
                                    const char  *id,
                                    int          lock_fd);

G_END_DECLS
