# cli — zh-CN
