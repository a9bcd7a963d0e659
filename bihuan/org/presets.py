"""Sector presets: departments, categories and routing taken from each seed regulation.

Each entry is (code, 简体, 繁體, English). Applying a preset only creates what is
missing, so administrators' later edits in the admin are never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import Sector

Name = tuple[str, str, str, str]


@dataclass(frozen=True)
class Preset:
    intake_desk: Name
    departments: tuple[Name, ...]
    categories: tuple[Name, ...]
    routes: dict[str, str]  # category code → department code
    supervision: Name = ("supervision", "监督评估部", "監督評估部", "Supervision and evaluation")


PRESETS: dict[str, Preset] = {
    # 000 科技馆: 服务态度、展览展示、讲解质量、设施设备、安全管理
    Sector.MUSEUM: Preset(
        intake_desk=("service-desk", "咨询服务台", "諮詢服務台", "Visitor service desk"),
        departments=(
            ("visitor-services", "观众服务部", "觀眾服務部", "Visitor services"),
            ("exhibitions", "展览部", "展覽部", "Exhibitions"),
            ("guided-tours", "讲解部", "講解部", "Guided tours"),
            ("facilities", "后勤保障部", "後勤保障部", "Facilities and logistics"),
            ("security", "安全保卫部", "安全保衛部", "Safety and security"),
        ),
        categories=(
            ("service-attitude", "服务态度类", "服務態度類", "Service attitude"),
            ("exhibitions", "展览展示类", "展覽展示類", "Exhibitions and displays"),
            ("guided-tours", "讲解质量类", "講解質量類", "Guided tour quality"),
            ("facilities", "设施设备类", "設施設備類", "Facilities and equipment"),
            ("safety", "安全管理类", "安全管理類", "Safety management"),
        ),
        routes={
            "service-attitude": "visitor-services",
            "exhibitions": "exhibitions",
            "guided-tours": "guided-tours",
            "facilities": "facilities",
            "safety": "security",
        },
    ),
    # 001 文化活动: 服务质量、设施问题、活动内容、人员素质
    Sector.CULTURAL_EVENTS: Preset(
        intake_desk=("complaints-team", "投诉处理团队", "投訴處理團隊", "Complaints team"),
        departments=(
            ("operations", "活动运营部", "活動運營部", "Event operations"),
            ("venue", "场地设施部", "場地設施部", "Venue and facilities"),
            ("programme", "节目内容部", "節目內容部", "Programme"),
            ("personnel", "人力资源部", "人力資源部", "Personnel"),
        ),
        categories=(
            ("service-quality", "服务质量", "服務質量", "Service quality"),
            ("facilities", "设施问题", "設施問題", "Facilities"),
            ("content", "活动内容", "活動內容", "Event content"),
            ("staff-conduct", "人员素质", "人員素質", "Staff conduct"),
        ),
        routes={
            "service-quality": "operations",
            "facilities": "venue",
            "content": "programme",
            "staff-conduct": "personnel",
        },
    ),
    # 002 大堂: 服務態度、業務辦理、設施設備、環境衛生、其他
    Sector.LOBBY: Preset(
        intake_desk=("lobby", "大堂", "大堂", "Lobby"),
        departments=(
            ("customer-service", "客户服务部", "客戶服務部", "Customer service"),
            ("business", "业务部", "業務部", "Business operations"),
            ("facilities", "行政后勤部", "行政後勤部", "Administration and facilities"),
            ("cleaning", "物业保洁部", "物業保潔部", "Property and cleaning"),
        ),
        categories=(
            ("service-attitude", "服务态度类", "服務態度類", "Service attitude"),
            ("business", "业务办理类", "業務辦理類", "Business handling"),
            ("facilities", "设施设备类", "設施設備類", "Facilities and equipment"),
            ("hygiene", "环境卫生类", "環境衛生類", "Environment and hygiene"),
            ("other", "其他类", "其他類", "Other"),
        ),
        routes={
            "service-attitude": "customer-service",
            "business": "business",
            "facilities": "facilities",
            "hygiene": "cleaning",
            "other": "customer-service",
        },
    ),
    # 003 服务主体: 服务质量、服务态度、费用争议、合同违约、安全隐患
    Sector.SERVICE_PROVIDER: Preset(
        intake_desk=("service-centre", "客服中心", "客服中心", "Customer-service centre"),
        departments=(
            ("operations", "服务运营部", "服務運營部", "Service operations"),
            ("finance", "财务部", "財務部", "Finance"),
            ("legal", "法务合同部", "法務合同部", "Legal and contracts"),
            ("safety", "安全管理部", "安全管理部", "Safety management"),
        ),
        categories=(
            ("service-quality", "服务质量", "服務質量", "Service quality"),
            ("service-attitude", "服务态度", "服務態度", "Service attitude"),
            ("fees", "费用争议", "費用爭議", "Fee dispute"),
            ("contract", "合同违约", "合同違約", "Breach of contract"),
            ("safety", "安全隐患", "安全隱患", "Safety hazard"),
        ),
        routes={
            "service-quality": "operations",
            "service-attitude": "operations",
            "fees": "finance",
            "contract": "legal",
            "safety": "safety",
        },
    ),
    # 004 俱樂部: 服務質量→客戶服務部, 設施設備→工程維修部, 會員權益→會員管理部
    Sector.MEMBER_CLUB: Preset(
        intake_desk=("front-desk", "前台", "前台", "Front desk"),
        departments=(
            ("customer-service", "客户服务部", "客戶服務部", "Customer service"),
            ("engineering", "工程维修部", "工程維修部", "Engineering and maintenance"),
            ("membership", "会员管理部", "會員管理部", "Membership"),
        ),
        categories=(
            ("service-quality", "服务质量", "服務質量", "Service quality"),
            ("facilities", "设施设备", "設施設備", "Facilities and equipment"),
            ("member-rights", "会员权益", "會員權益", "Member rights"),
            ("other", "其他", "其他", "Other"),
        ),
        routes={
            "service-quality": "customer-service",
            "facilities": "engineering",
            "member-rights": "membership",
            "other": "customer-service",
        },
    ),
}
