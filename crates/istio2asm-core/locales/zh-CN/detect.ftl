# detect — zh-CN
