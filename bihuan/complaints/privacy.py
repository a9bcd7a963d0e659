"""The first privacy notice (隐私告知), so that a new organisation can take complaints at once.

Administrators publish their own versions in the admin; a consent keeps the version shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

FIRST_VERSION = "2026-1"

ZH_HANS = """我们收集您在投诉中提供的个人信息（姓名、联系电话、电子邮箱、会员卡号以及您上传的照片、文件和录音），仅用于受理、调查、处理和答复您的投诉，开展满意度回访，以及按规定进行统计分析和改进服务。
您的信息仅向处理本投诉的工作人员提供；您选择“联系方式保密”时，其他人员看不到您的联系方式。除法律法规要求或经您同意外，我们不会向第三方提供您的个人信息。由上级部门或12345热线等转办的投诉，处理结果会反馈给转办单位。
投诉记录在办结后按档案管理规定保存，期满后删除或匿名化。您可以通过查询页面或联系服务台查询、补充或更正您的信息。
允许匿名投诉时，您可以不留姓名和联系方式，但我们将无法主动告知您处理结果。"""

ZH_HANT = """我們收集您在投訴中提供的個人資料（姓名、聯絡電話、電子郵箱、會員卡號以及您上傳的照片、文件和錄音），僅用於受理、調查、處理和答覆您的投訴，開展滿意度回訪，以及依規定進行統計分析和改善服務。
您的資料僅提供給處理本投訴的工作人員；您選擇「聯絡方式保密」時，其他人員看不到您的聯絡方式。除法律法規要求或經您同意外，我們不會向第三方提供您的個人資料。由上級部門或12345熱線等轉辦的投訴，處理結果會回覆轉辦單位。
投訴紀錄在辦結後依檔案管理規定保存，期滿後刪除或匿名化。您可以透過查詢頁面或聯絡服務台查詢、補充或更正您的資料。
允許匿名投訴時，您可以不留姓名和聯絡方式，但我們將無法主動告知您處理結果。"""

EN = """We collect the personal information you give with your complaint (your name, phone number, email address, member card number and the photos, documents and recordings you upload) only to register, investigate, handle and answer your complaint, to ask whether you are satisfied, and for statistics and service improvement as the rules require.
Only the staff handling your complaint see your information; if you ask for your contact details to be kept confidential, no one else sees them. We give your personal information to no third party unless the law requires it or you agree. For a complaint referred to us (by the 12345 hotline or a regulator, for example), the result is reported back to the referrer.
Complaint records are kept under the archive rules after the complaint is closed, then deleted or anonymised. You can check, add to or correct your information on the status page or at the service desk.
Where anonymous complaints are allowed you may leave no name or contact details, but we will then be unable to tell you the result."""


def privacy_notice_set_up() -> None:
    """Publish the first notice unless one exists (idempotent)."""
    from .models import PrivacyNotice

    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(
            version=FIRST_VERSION,
            text=ZH_HANS,
            text_i18n={"zh-hant": ZH_HANT, "en": EN},
            published_at=datetime(2020, 1, 1, tzinfo=UTC),
        )
