"""The cooperative's space ("Cổng hợp tác xã"): every view needs a login and reaches only the
signed-in user's own cooperative (another cooperative's object answers 404)."""
