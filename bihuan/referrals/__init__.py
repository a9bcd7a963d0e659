"""The referral exchange: work orders (工单) imported from and results exported to referrers."""
